// Pure channel rules: health (no I/O).
export {};
