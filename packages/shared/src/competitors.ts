/** 竞品情报 competitor intelligence: the API contract. */
export {};
