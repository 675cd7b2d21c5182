/** 日报/周报 daily and weekly reports: the API contract. */
export {};
