// Pure rules of 客情费 (relationship-maintenance expenses for channel customers; no I/O).
export {};
