// Reads back what @ContractField and @PayloadRules recorded in class-validator's metadata storage, so the
// validator, the instance builder and the JSON Schema generator all see the same list of fields.
import { getMetadataStorage } from 'class-validator';
import type { FieldSpec, PayloadRule } from './field-types';
import type { ContractClass } from './field-types';

/** class-validator constraint name of every @ContractField. */
export const CONTRACT_FIELD = 'contractField';
/** Prefix of the class-validator constraint name of every @PayloadRules rule (one name per rule). */
export const CONTRACT_RULE_PREFIX = 'contractRule:';

export interface ContractFieldDescription {
  readonly name: string;
  readonly spec: FieldSpec;
}

export interface ContractClassDescription {
  /** Fields in declaration order. */
  readonly fields: readonly ContractFieldDescription[];
  readonly fieldByName: ReadonlyMap<string, FieldSpec>;
  readonly rules: readonly PayloadRule[];
}

const descriptions = new Map<ContractClass, ContractClassDescription>();

/** The contract fields and rules of a class (cached: metadata is fixed once the class is defined). */
export function describeContractClass(cls: ContractClass): ContractClassDescription {
  const known = descriptions.get(cls);
  if (known) return known;
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const fields: ContractFieldDescription[] = [];
  const rules: PayloadRule[] = [];
  for (const entry of metadata) {
    if (entry.target !== cls) {
      // Each contract class lists its own fields in wire order; inheriting would reorder them silently.
      if (entry.name === CONTRACT_FIELD) throw new Error(`${cls.name}: contract classes do not inherit contract fields`);
      continue;
    }
    if (entry.name === CONTRACT_FIELD) fields.push({ name: entry.propertyName, spec: entry.constraints[0] as FieldSpec });
    else if (entry.name?.startsWith(CONTRACT_RULE_PREFIX)) rules.push(entry.constraints[0] as PayloadRule);
  }
  const description: ContractClassDescription = { fields, fieldByName: new Map(fields.map((f) => [f.name, f.spec])), rules };
  for (const { name, spec } of fields) {
    const presence = spec.presence;
    const control = presence.rule === 'conditional' ? description.fieldByName.get(presence.field) : undefined;
    if (presence.rule === 'conditional' && control?.type.kind !== 'flag' && control?.type.kind !== 'choice') {
      throw new Error(`${cls.name}.${name} depends on ${presence.field}, which must be a flag or choice field of ${cls.name}`);
    }
  }
  descriptions.set(cls, description);
  return description;
}
