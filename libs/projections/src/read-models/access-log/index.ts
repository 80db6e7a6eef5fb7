export * from './access-log.events';
export { ACCESS_LOG_SCHEMA, ACCESS_LOG_PROJECTION_NAME, accessLogProjection } from './access-log.projection';
export { accessLogRows, type AccessLogFilter, type AccessLogRow } from './access-log.queries';
