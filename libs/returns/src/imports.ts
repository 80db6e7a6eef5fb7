// Imports: national formats to events, through the contract, the domain and the store's multi-stream appends.
export { runImport, isImportFormat, isTeamId, TEAM_ID_RULE, IMPORT_FORMATS, type ImportFile, type ImportRunOptions } from './import-run';
export { ImportInputError } from './import-xml';
export { IMPORT_ERROR_CODES } from './import-pipeline';
export { renderImportReport, mergeImportReports, type ImportReport, type RefusedRow, type CorrectedRow, type TableCounts } from './import-report';
export { importEventId, importFactKey } from './import-facts';
