"""What the UI shows for each optimizer's hyperparameters, in English and Korean.

`HYPERPARAMS[name][param]` = {"default", "type" ("float" | "bool" | "pair"), "min", "max",
"scale" ("linear" | "log"), "label_en", "label_ko", "help_en", "help_ko"}. `default` is the
UI's starting value: torch's default except `lr`, where torch's (e.g. SGD's 1e-3) trains an
MNIST MLP too slowly to watch. `min`/`max` bound what the UI offers (for a "pair", each
element); they lie inside the range the optimizers accept. Bools have min = max = None.
"""
from __future__ import annotations


def hyperparam(default, type_, lo, hi, label, help_, scale="linear") -> dict:
    """One control's description for the UI: default, type, range, scale, labels and help in both languages."""
    return {"default": default, "type": type_, "min": lo, "max": hi, "scale": scale,
            "label_en": label[0], "label_ko": label[1], "help_en": help_[0], "help_ko": help_[1]}


def _lr(default, lo=1e-5, hi=10.0, help_=None):
    return hyperparam(default, "float", lo, hi, ("learning rate", "학습률"), help_ or (
        "Step size: how far each update moves the weights against the gradient.",
        "한 번 업데이트할 때 가중치를 기울기의 반대 방향으로 얼마나 움직일지 정하는 보폭입니다."),
        scale="log")


_WEIGHT_DECAY = hyperparam(0.0, "float", 0.0, 1.0, ("weight decay", "가중치 감소"), (
    "L2 penalty: adds weight_decay × θ to the gradient, pulling weights toward zero.",
    "L2 규제: 기울기에 weight_decay × θ를 더해 가중치를 0 쪽으로 끌어당깁니다."))
_DECOUPLED_DECAY = hyperparam(1e-2, "float", 0.0, 1.0, ("weight decay", "가중치 감소"), (
    "Decoupled weight decay: each step shrinks the weights by lr × weight_decay, "
    "apart from the gradient.",
    "분리된 가중치 감소: 기울기와 별개로 매 단계 가중치를 lr × weight_decay만큼 줄입니다."))


def _eps(default):
    return hyperparam(default, "float", 1e-12, 1.0, ("epsilon (ε)", "ε (epsilon)"), (
        "A tiny number added to the denominator so it is never zero.",
        "분모가 0이 되지 않도록 더하는 아주 작은 수입니다."), scale="log")


def _momentum(help_):
    return hyperparam(0.0, "float", 0.0, 0.999, ("momentum", "모멘텀"), help_)


_SGD_MOMENTUM = _momentum((
    "Keeps a velocity of past gradients, so steps speed up on a steady slope "
    "(0 = plain SGD, 0.9 is typical).",
    "지난 기울기를 속도처럼 모아 두어, 꾸준한 내리막에서는 걸음이 점점 빨라집니다 "
    "(0이면 기본 SGD, 보통 0.9)."))
_AMSGRAD = hyperparam(False, "bool", None, None, ("AMSGrad", "AMSGrad"), (
    "Use the largest squared-gradient average seen so far, so a shrinking average "
    "never makes the steps grow.",
    "지금까지 가장 컸던 제곱 기울기 평균을 써서, 평균이 줄어들어도 걸음이 커지지 않게 합니다."))
_BETAS = hyperparam([0.9, 0.999], "pair", 0.0, 0.9999, ("betas (β1, β2)", "β1, β2 (betas)"), (
    "Decay rates of the running averages of the gradient (β1) and of its square (β2).",
    "기울기의 이동 평균(β1)과 기울기 제곱의 이동 평균(β2)이 얼마나 천천히 변할지 정합니다."))

HYPERPARAMS: dict[str, dict[str, dict]] = {
    "sgd": {
        "lr": _lr(0.1),
        "momentum": _SGD_MOMENTUM,
        "dampening": hyperparam(0.0, "float", 0.0, 1.0, ("dampening", "감쇠 (dampening)"), (
            "Lets in less of each new gradient: b ← μb + (1 − dampening)·g.",
            "새 기울기가 속도에 덜 반영되게 합니다: b ← μb + (1 − dampening)·g.")),
        "weight_decay": _WEIGHT_DECAY,
        "nesterov": hyperparam(False, "bool", None, None, ("Nesterov", "네스테로프"), (
            "Nesterov momentum: look ahead along the velocity before stepping. "
            "Needs momentum > 0 and dampening 0.",
            "네스테로프 모멘텀: 속도 방향으로 한 걸음 앞을 내다보고 이동합니다. "
            "모멘텀이 0보다 크고 감쇠(dampening)가 0이어야 합니다.")),
    },
    "adagrad": {
        "lr": _lr(0.05),
        "lr_decay": hyperparam(0.0, "float", 0.0, 1.0, ("lr decay", "학습률 감소"), (
            "Lowers the learning rate step by step: lr / (1 + (t − 1)·lr_decay).",
            "단계가 지날수록 학습률을 낮춥니다: lr / (1 + (t − 1)·lr_decay).")),
        "weight_decay": _WEIGHT_DECAY,
        "initial_accumulator_value": hyperparam(
            0.0, "float", 0.0, 10.0, ("initial accumulator", "누적값의 초깃값"), (
                "Starting value of each weight's sum of squared gradients; "
                "larger makes the first steps smaller.",
                "가중치마다 쌓는 제곱 기울기 합의 시작값입니다. 클수록 처음 걸음이 작아집니다.")),
        "eps": _eps(1e-10),
    },
    "rmsprop": {
        "lr": _lr(0.001),
        "alpha": hyperparam(0.99, "float", 0.0, 0.9999, ("alpha (α)", "α (alpha)"), (
            "How slowly the average of squared gradients changes; closer to 1 remembers longer.",
            "제곱 기울기 평균이 얼마나 천천히 변할지 정합니다. 1에 가까울수록 과거를 오래 기억합니다.")),
        "eps": _eps(1e-8),
        "weight_decay": _WEIGHT_DECAY,
        "momentum": _momentum((
            "Momentum on the scaled steps (0 = none).",
            "크기가 조정된 걸음에 모멘텀을 더합니다 (0이면 사용하지 않음).")),
        "centered": hyperparam(False, "bool", None, None, ("centered", "중심화 (centered)"), (
            "Divide by the gradient's variance instead of its mean square "
            "(subtracts the squared average gradient).",
            "기울기 제곱의 평균 대신 기울기의 분산으로 나눕니다 (평균 기울기의 제곱을 뺍니다).")),
    },
    "adadelta": {
        "lr": _lr(1.0, lo=1e-3, help_=(
            "Multiplies the step Adadelta works out by itself; 1.0 uses it unchanged.",
            "Adadelta가 스스로 계산한 걸음에 곱하는 값입니다. 1.0이면 그대로 씁니다.")),
        "rho": hyperparam(0.9, "float", 0.0, 1.0, ("rho (ρ)", "ρ (rho)"), (
            "How slowly the averages of squared gradients and squared updates change.",
            "제곱 기울기 평균과 제곱 업데이트 평균이 얼마나 천천히 변할지 정합니다.")),
        "eps": _eps(1e-6),
        "weight_decay": _WEIGHT_DECAY,
    },
    "adam": {
        "lr": _lr(0.001),
        "betas": _BETAS,
        "eps": _eps(1e-8),
        "weight_decay": _WEIGHT_DECAY,
        "amsgrad": _AMSGRAD,
    },
    "adamw": {
        "lr": _lr(0.001),
        "betas": _BETAS,
        "eps": _eps(1e-8),
        "weight_decay": _DECOUPLED_DECAY,
        "amsgrad": _AMSGRAD,
    },
}
