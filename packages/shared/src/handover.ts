/** 交接 hand-over: the API contract. */
export {};
