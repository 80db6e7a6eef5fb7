import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { DESTROYED_VALUE, PERSONAL_DATA_DESTROYED, describeContractClass, encryptedPayloadFields, isCaseEventType, payloadClassOf } from '@csc/contracts';
import type { JsonObject, JsonValue } from '@csc/event-store';

/**
 * How one event's personal data is stored: the encrypted fields are taken out of `data` and the envelope
 * metadata, and kept together, AES-256-GCM encrypted with the child's key, in `metadata.personalData`.
 * The event id and stream are the additional authenticated data, so a sealed block cannot be moved to
 * another event.
 */
export interface SealedPersonalData {
  [key: string]: JsonValue;
  v: 1;
  /** Where each value came from: `data.<field>`, `source.user` or `correlationId`. */
  fields: string[];
  iv: string;
  ct: string;
  tag: string;
}

export const PERSONAL_DATA_KEY = 'personalData';

export interface EventContent {
  eventId: string;
  streamId: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

/** The event as it is stored: its personal fields sealed with `key`; unchanged when it has none. */
export function sealPersonalData(event: EventContent, key: Buffer): { data: JsonObject; metadata: JsonObject } {
  const payloadFields = (isCaseEventType(event.type) ? encryptedPayloadFields(event.type) : []).filter((field) => event.data[field] !== undefined);
  const source = event.metadata.source;
  const user = source && typeof source === 'object' && !Array.isArray(source) ? source.user : undefined;
  // Most events hold no personal field: they are stored as they are, with nothing copied.
  if (payloadFields.length === 0 && user === undefined && event.metadata.correlationId === undefined) return event;
  const data = { ...event.data };
  const metadata = { ...event.metadata };
  const plain: Record<string, JsonValue> = {};
  for (const field of payloadFields) {
    plain[`data.${field}`] = data[field];
    delete data[field];
  }
  if (user !== undefined) {
    const { user: _user, ...rest } = source as JsonObject;
    plain['source.user'] = user;
    metadata.source = rest;
  }
  if (metadata.correlationId !== undefined) {
    plain.correlationId = metadata.correlationId;
    delete metadata.correlationId;
  }
  const fields = Object.keys(plain);
  const text = JSON.stringify(plain);
  const aad = additionalData(event);
  // A synthetic IV (from the key, the event and its content): a retried append seals to the same bytes, so the
  // store still recognises it as a retry, and two different contents never share an IV under one key.
  const iv = createHmac('sha256', ivKey(key)).update(aad).update('\n').update(text).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  const sealed: SealedPersonalData = { v: 1, fields, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  return { data, metadata: { ...metadata, [PERSONAL_DATA_KEY]: sealed } };
}

export function sealedPersonalData(metadata: JsonObject): SealedPersonalData | undefined {
  const sealed = metadata[PERSONAL_DATA_KEY];
  return sealed && typeof sealed === 'object' && !Array.isArray(sealed) && sealed.v === 1 ? (sealed as SealedPersonalData) : undefined;
}

/**
 * The event as it was appended, from its stored form: with the child's key, the sealed fields go back where
 * they came from; with none (destroyed), each reads as `[destroyed]` and `metadata.personalData` says so.
 */
export function openPersonalData(event: EventContent, key: Buffer | undefined): { data: JsonObject; metadata: JsonObject } {
  const sealed = sealedPersonalData(event.metadata);
  if (!key) {
    const values: Record<string, JsonValue> = {};
    for (const field of sealed?.fields ?? []) {
      const value = destroyedValue(event.type, field);
      if (value !== undefined) values[field] = value;
    }
    return restore(event, values, PERSONAL_DATA_DESTROYED);
  }
  if (!sealed) return { data: event.data, metadata: event.metadata };
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(additionalData(event));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8');
  return restore(event, JSON.parse(plain) as Record<string, JsonValue>);
}

function restore(event: EventContent, values: Record<string, JsonValue>, marker?: string): { data: JsonObject; metadata: JsonObject } {
  const data = { ...event.data };
  const metadata = { ...event.metadata };
  delete metadata[PERSONAL_DATA_KEY];
  for (const [field, value] of Object.entries(values)) {
    if (field.startsWith('data.')) data[field.slice(5)] = value;
    else if (field === 'source.user') metadata.source = { ...(metadata.source as JsonObject), user: value };
    else metadata[field] = value;
  }
  return { data, metadata: marker ? { ...metadata, [PERSONAL_DATA_KEY]: marker } : metadata };
}

/**
 * What a destroyed field reads as, keeping the field's shape for readers: `[destroyed]`, `["[destroyed]"]` for a
 * list (disabilities), and nothing for a date (a date of birth cannot hold a marker; the field is left out).
 */
function destroyedValue(type: string, field: string): JsonValue | undefined {
  if (!field.startsWith('data.') || !isCaseEventType(type)) return DESTROYED_VALUE;
  const kind = describeContractClass(payloadClassOf(type)).fieldByName.get(field.slice(5))?.type.kind;
  return kind === 'codes' ? [DESTROYED_VALUE] : kind === 'calendarDate' ? undefined : DESTROYED_VALUE;
}

const ivKeys = new WeakMap<Buffer, Buffer>();

/** The key IVs are derived with: separate from the encryption key, derived from it once per key. */
function ivKey(key: Buffer): Buffer {
  let derived = ivKeys.get(key);
  if (!derived) {
    derived = createHmac('sha256', key).update('csc personal data synthetic iv').digest();
    ivKeys.set(key, derived);
  }
  return derived;
}

function additionalData(event: Pick<EventContent, 'eventId' | 'streamId'>): Buffer {
  return Buffer.from(`${event.eventId.toLowerCase()}\n${event.streamId}`, 'utf8');
}
