// Returns: events and read models to national formats. Each format adds its export here.
export {};
