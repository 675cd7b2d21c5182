// Pure channel rules: warnings (no I/O).
export {};
