// Imports: national formats to events. Each format adds its export here.
export {};
