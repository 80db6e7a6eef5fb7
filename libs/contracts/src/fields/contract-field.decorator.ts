import { registerDecorator, ValidateNested, type ValidationArguments } from 'class-validator';
import { CONTRACT_FIELD, CONTRACT_RULE_PREFIX } from './contract-class-metadata';
import { fieldViolations, ruleViolations } from './field-violations';
import { required, type FieldSpec, type PayloadRule, type Presence } from './field-types';

/**
 * Declares a contract field: one class-validator constraint that checks presence, type and format together,
 * so each field yields at most one kind of violation and the JSON Schema can be generated from the same spec.
 */
export function ContractField(typed: Pick<FieldSpec, 'type' | 'description'>, presence: Presence = required()): PropertyDecorator {
  const spec: FieldSpec = { ...typed, presence };
  return (target: object, propertyKey: string | symbol) => {
    const propertyName = String(propertyKey);
    registerDecorator({
      name: CONTRACT_FIELD,
      target: target.constructor,
      propertyName,
      constraints: [spec],
      options: {
        context: spec,
        message: (args: ValidationArguments) => fieldViolations(spec, args.value, propertyName, args.object)[0]?.message ?? '',
      },
      validator: { validate: (value: unknown, args: ValidationArguments) => fieldViolations(spec, value, propertyName, args.object).length === 0 },
    });
    // Nested payloads are validated by class-validator too, so the envelope classes stand on their own.
    if (spec.type.kind === 'object') ValidateNested()(target, propertyKey);
  };
}

/** Declares rules about the payload as a whole (anchored on the rule's first field for class-validator). */
export function PayloadRules(...rules: PayloadRule[]): ClassDecorator {
  return (target) => {
    for (const rule of rules) {
      registerDecorator({
        name: `${CONTRACT_RULE_PREFIX}${rule.rule}:${rule.fields.join(',')}`,
        target,
        propertyName: rule.fields[0],
        constraints: [rule],
        options: {
          context: rule,
          message: (args: ValidationArguments) => ruleViolations(rule, args.object, '')[0]?.message ?? '',
        },
        validator: { validate: (_value: unknown, args: ValidationArguments) => ruleViolations(rule, args.object, '').length === 0 },
      });
    }
  };
}
