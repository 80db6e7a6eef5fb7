/** Injection tokens for what the infrastructure module provides. */
export const LOGGER = Symbol('LOGGER');
export const SQL_DATABASE = Symbol('SQL_DATABASE');
export const CLOCK = Symbol('CLOCK');
/** The authority's local timescale standards, loaded once at start-up. */
export const LOCAL_STANDARDS = Symbol('LOCAL_STANDARDS');
/** The key stream heads are signed and checked with (undefined when the store signs none). */
export const CHAIN_CHECKPOINT_KEY = Symbol('CHAIN_CHECKPOINT_KEY');
