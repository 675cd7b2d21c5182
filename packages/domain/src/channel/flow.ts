// Pure channel rules: flow (no I/O).
export {};
