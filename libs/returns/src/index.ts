/**
 * The national formats an authority already holds and must hand in, one folder per format
 * (cin-census, ssda903, annex-a, csc-api, ssd), each with both directions: the pure mapping between
 * the format's rows and our events, and the thin streaming reader or writer around it.
 */
export * from './imports';
export * from './exports';
