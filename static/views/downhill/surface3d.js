/** The cost surface in 3-D (three.js): a coloured mesh, descent paths and balls; rotate and zoom with the mouse. */
import * as THREE from "three";
import { OrbitControls } from "three/addons/controls/OrbitControls.js";
import { sequential } from "../../colors.js";
import { toUnit } from "./heightfield.js";
import { glCopy } from "./glcopy.js";

const HEIGHT = 0.9;
const LIFT = 0.02;
const TURN = Math.PI / 36;
const ZOOM = 0.9;
/** Plain arrow keys rotate (OrbitControls alone would pan; Shift + arrows still reach it), + and − zoom. */
const KEYS = { ArrowLeft: ["rotateLeft", TURN], ArrowRight: ["rotateLeft", -TURN], ArrowUp: ["rotateUp", TURN],
  ArrowDown: ["rotateUp", -TURN], "+": ["dollyIn", ZOOM], "=": ["dollyIn", ZOOM], "-": ["dollyOut", ZOOM], "_": ["dollyOut", ZOOM] };

/** Keyboard control of the camera on the focusable container. */
function listenToKeys(container, controls) {
  container.addEventListener("keydown", (e) => {
    const action = !(e.ctrlKey || e.metaKey || e.altKey || (e.shiftKey && e.key.startsWith("Arrow"))) && KEYS[e.key];
    if (!action) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    controls[action[0]](action[1]);
  });
  controls.listenToKeyEvents(container);
}

/** Field -> BufferGeometry over [-1, 1]² (x right, β away from the viewer), heights in y, viridis colours. */
function meshGeometry(field) {
  const { nx, ny } = field;
  const pos = new Float32Array(nx * ny * 3);
  const col = new Float32Array(nx * ny * 3);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      const ht = field.height(field.z[k]);
      pos.set([-1 + (2 * i) / (nx - 1), HEIGHT * ht, 1 - (2 * j) / (ny - 1)], 3 * k);
      col.set(sequential(ht).map((c) => c / 255), 3 * k);
    }
  }
  const index = [];
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const a = j * nx + i;
      index.push(a, a + 1, a + nx, a + 1, a + nx + 1, a + nx);
    }
  }
  const geo = new THREE.BufferGeometry();
  geo.setAttribute("position", new THREE.BufferAttribute(pos, 3));
  geo.setAttribute("color", new THREE.BufferAttribute(col, 3));
  geo.setIndex(index);
  geo.computeVertexNormals();
  return geo;
}

/** True when WebGL runs on a software rasteriser (SwiftShader, llvmpipe): no GPU to spare. */
export function softwareGl() {
  const gl = document.createElement("canvas").getContext("webgl2");
  if (!gl) return true;
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const name = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return /swiftshader|llvmpipe|software/i.test(name);
}

/** mountSurface3d(container) -> {setField(field), draw(scene), dispose()}; scene = {paths, balls} as for the contour map. */
export function mountSurface3d(container, { width = 440, height = 330 } = {}) {
  // On a software rasteriser (no GPU to spare) multisampling costs more than the whole frame
  // budget, and an on-page WebGL canvas stalls every frame while it is read back: there the
  // scene is drawn off the page and copied into a plain canvas without waiting (glcopy.js).
  // On a GPU both are nearly free, so keep antialiasing and the canvas on the page.
  const software = softwareGl();
  const renderer = new THREE.WebGLRenderer({ antialias: !software, preserveDrawingBuffer: !software });
  renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
  renderer.setSize(width, height);
  renderer.setClearColor(0xf4f6f8);
  const gl = renderer.getContext();
  let shown = renderer.domElement;
  let copy = null;
  if (software && typeof WebGL2RenderingContext !== "undefined" && gl instanceof WebGL2RenderingContext) {
    shown = document.createElement("canvas");
    shown.width = gl.drawingBufferWidth;
    shown.height = gl.drawingBufferHeight;
    Object.assign(shown.style, { width: `${width}px`, height: `${height}px`, display: "block" });
    copy = glCopy(gl, shown);
  }
  container.append(shown);
  let size = [width, height];
  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(40, width / height, 0.05, 50);
  camera.position.set(2.1, 2.0, 2.5);
  const controls = new OrbitControls(camera, shown);
  controls.target.set(0, 0.3, 0);
  controls.enableDamping = true;
  controls.minDistance = 1.2;
  controls.maxDistance = 8;
  listenToKeys(container, controls);
  scene.add(new THREE.AmbientLight(0xffffff, 1.6));
  const sun = new THREE.DirectionalLight(0xffffff, 1.6);
  sun.position.set(2, 4, 1);
  scene.add(sun);
  const material = new THREE.MeshLambertMaterial({ vertexColors: true, side: THREE.DoubleSide });
  const overlay = new THREE.Group();
  scene.add(overlay);
  const ballGeo = new THREE.SphereGeometry(0.045, 20, 14);
  let mesh = null;
  let field = null;

  const toWorld = (x, y, value) => {
    const [u, v] = toUnit(field, x, y);
    return new THREE.Vector3(-1 + 2 * u, HEIGHT * field.height(value) + LIFT, 1 - 2 * v);
  };

  function setField(next) {
    field = next;
    if (mesh) { scene.remove(mesh); mesh.geometry.dispose(); mesh = null; }
    if (field) { mesh = new THREE.Mesh(meshGeometry(field), material); scene.add(mesh); }
    lastPaths = undefined;
    dirty = true;
  }

  let lastPaths = null;
  const balls = [];

  // Line materials are kept and reused: disposing one frees its shader program, and the next
  // path (a new one arrives with every snapshot while training) would compile it again.
  const lineMaterials = new Map();
  const lineMaterial = (color, dash) => {
    const key = `${color}|${dash ? "dash" : ""}`;
    if (!lineMaterials.has(key)) lineMaterials.set(key, dash
      ? new THREE.LineDashedMaterial({ color, dashSize: 0.04, gapSize: 0.03 })
      : new THREE.LineBasicMaterial({ color }));
    return lineMaterials.get(key);
  };

  function setPaths(paths) {
    lastPaths = paths;
    for (const child of [...overlay.children]) { overlay.remove(child); child.geometry.dispose(); }
    if (!field) return;
    for (const p of paths || []) {
      if (p.points.length < 2 || !p.values) continue;
      const pts = p.points.map(([x, y], k) => toWorld(x, y, p.values[k]));
      const line = new THREE.Line(new THREE.BufferGeometry().setFromPoints(pts), lineMaterial(p.color, !!p.dash));
      if (p.dash) line.computeLineDistances();
      overlay.add(line);
    }
  }

  function placeBalls(list) {
    while (balls.length < list.length) {
      const m = new THREE.Mesh(ballGeo, new THREE.MeshLambertMaterial());
      balls.push(m);
      scene.add(m);
    }
    balls.forEach((m, k) => {
      const b = list[k];
      m.visible = !!(b && field);
      if (!m.visible) return;
      m.material.color.set(b.color);
      m.position.copy(toWorld(b.x, b.y, b.value)).add(new THREE.Vector3(0, 0.03, 0));
    });
  }

  /** What the picture on screen shows (data-shown-field: the field's label), for tests and tools. */
  const fieldName = () => (field ? field.label || "surface" : "");
  const markShown = (name) => { if (container.dataset.shownField !== name) container.dataset.shownField = name; };
  let lastBalls = "";
  let dirty = true;
  controls.addEventListener("change", () => { dirty = true; });

  /** Render a frame when something moved (balls, paths, field, or the camera); otherwise do nothing. */
  function draw(s) {
    if (s.paths !== lastPaths) { setPaths(s.paths); dirty = true; }
    const key = (s.balls || []).map((b) => `${b.x.toFixed(5)},${b.y.toFixed(5)}`).join(";");
    if (key !== lastBalls) { placeBalls(s.balls || []); lastBalls = key; dirty = true; }
    controls.update();
    const presented = copy ? copy.present() : false;
    if (presented) markShown(copy.shown);
    if (!dirty) return presented;
    renderer.render(scene, camera);
    // A frame the copier had no room for is drawn again next time rather than lost.
    dirty = copy ? !copy.capture(fieldName()) : false;
    if (!copy) markShown(fieldName());
    else if (copy.shown !== null) markShown(copy.shown);
    return true;
  }

  /**
   * Draw at the size the box shows (width CSS px, 4:3): a picture scaled by CSS is resampled
   * on every frame, which in software compositing cost a third of the frame rate.
   */
  function resize(w) {
    const width = Math.max(120, Math.round(w));
    const height = Math.round((width * 3) / 4);
    if (width === size[0] && height === size[1]) return;
    size = [width, height];
    renderer.setSize(width, height);
    camera.aspect = width / height;
    camera.updateProjectionMatrix();
    if (copy) {
      copy.dispose();
      shown.width = gl.drawingBufferWidth;
      shown.height = gl.drawingBufferHeight;
      Object.assign(shown.style, { width: `${width}px`, height: `${height}px` });
      copy = glCopy(gl, shown);
    }
    dirty = true;
  }

  return { setField, draw, resize, canvas: shown, dispose: () => renderer.dispose() };
}
