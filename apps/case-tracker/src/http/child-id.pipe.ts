import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { ID_MAX_LENGTH, ID_PATTERN } from '@csc/contracts';

const SUBJECT_ID = new RegExp(ID_PATTERN);

/** A child id in a path, checked by the contract's id rule; a bad one is a 400 naming the parameter. */
@Injectable()
export class ChildIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (value.length > ID_MAX_LENGTH || !SUBJECT_ID.test(value)) {
      throw new BadRequestException({
        error: { code: 'INVALID_CHILD_ID', message: `A child id is 1 to ${ID_MAX_LENGTH} letters, digits or . _ : - characters`, field: 'childId' },
      });
    }
    return value;
  }
}
