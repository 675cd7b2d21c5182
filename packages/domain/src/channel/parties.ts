// Pure channel rules: parties (no I/O).
export {};
