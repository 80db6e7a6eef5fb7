/** The TypeORM DataSource over the read models (sharing the store's database pool). */
export const READ_MODEL_DATA_SOURCE = Symbol('READ_MODEL_DATA_SOURCE');
