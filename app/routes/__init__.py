"""HTTP and WebSocket route groups, one module each."""
