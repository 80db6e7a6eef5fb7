/** Injection tokens for what the infrastructure module provides. */
export const LOGGER = Symbol('LOGGER');
export const SQL_DATABASE = Symbol('SQL_DATABASE');
export const CLOCK = Symbol('CLOCK');
/** The authority's local timescale standards, loaded once at start-up. */
export const LOCAL_STANDARDS = Symbol('LOCAL_STANDARDS');
