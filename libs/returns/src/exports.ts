// Returns: events and read models to national formats. Each format adds its export here.
export * from './return-period';
export * from './return-source';
export * from './return-release';
export * from './cin-census/cin-census-export-model';
export * from './cin-census/cin-census-export-mapping';
export * from './cin-census/cin-census-export-xml';
export * from './cin-census/cin-census-export';
export * from './ssda903/ssda903-export-columns';
export * from './ssda903/ssda903-export-mapping';
export * from './ssda903/ssda903-export';
export * from './ssda903/ssda903-export-xml';
export * from './annex-a/annex-a-export-spec';
export * from './annex-a/annex-a-export-mapping';
export * from './annex-a/annex-a-export';
export * from './csc-api/csc-api-export-mapping';
export * from './csc-api/csc-api-export';
