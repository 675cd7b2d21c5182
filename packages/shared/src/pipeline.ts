/** 进药 pipeline: the API contract. */
export {};
