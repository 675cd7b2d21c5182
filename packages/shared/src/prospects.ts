/** 客户开发 channel prospects: the API contract. */
export {};
