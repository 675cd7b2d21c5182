// Pure channel rules: ledger (no I/O).
export {};
