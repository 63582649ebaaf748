"""Live training sessions: the bounded job pool, the outbox, one session per WebSocket."""
