import { Query } from '@nestjs/cqrs';
import type { OmittedChild } from '@csc/returns';
import type { GetReturnRequest } from './get-return.request.dto';

export const RETURN_FORMATS = ['cin-census', 'ssda903', 'annex-a', 'csc-api'] as const;
export type ReturnFormat = (typeof RETURN_FORMATS)[number];

/** A return made: the file, its media type and name, and what was left out of it. */
export interface ReturnResult {
  format: ReturnFormat;
  mediaType: string;
  fileName: string;
  body: string | Buffer;
  children: number;
  omitted: OmittedChild[];
}

export class GetReturn extends Query<ReturnResult> {
  constructor(
    readonly format: ReturnFormat,
    readonly request: GetReturnRequest,
  ) {
    super();
  }
}
