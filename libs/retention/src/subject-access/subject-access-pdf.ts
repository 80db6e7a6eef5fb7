import PDFDocument from 'pdfkit';
import type { SubjectAccessRecord } from './subject-access-record';

/** The subject access record as a readable PDF: retention, the events in order, the read-model rows, and who read the record. */
export function renderSubjectAccessPdf(record: SubjectAccessRecord, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: options.compress ?? true,
    info: { Title: `Record of child ${record.childId}`, Subject: 'Subject access' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string): void => {
    doc.moveDown().font('Helvetica-Bold').fontSize(13).text(text).font('Helvetica').fontSize(9).moveDown(0.3);
  };
  const line = (text: string): void => {
    doc.text(text, { width: 495 });
  };

  doc.font('Helvetica-Bold').fontSize(18).text(`Everything held about child ${record.childId}`);
  doc.font('Helvetica').fontSize(9).text(`Produced ${record.generatedAt} for a subject access request.`);

  heading('Retention');
  line(
    record.retention.destroyed ? 'The personal details of this record have been destroyed: they show as [destroyed] or are left out.' : 'The record is kept.',
  );
  for (const event of record.retention.events) line(`${event.at}  ${event.type} by ${event.by}: ${JSON.stringify(event.data)}`);

  heading(`Events (${record.events.length})`);
  for (const event of record.events) {
    line(`${event.revision}. ${event.occurredAt} (recorded ${event.recordedAt}) ${event.type}: ${event.summary}`);
    doc.fillColor('#555555');
    line(`    data ${JSON.stringify(event.data)}; from ${JSON.stringify(event.source)}${event.recordedBy ? `, sent by ${event.recordedBy}` : ''}`);
    doc.fillColor('black');
  }

  heading('Read models');
  const tables = Object.entries(record.readModels);
  if (tables.length === 0) line('No read model holds a row of this child.');
  for (const [table, rows] of tables) {
    doc.font('Helvetica-Bold').text(`${table} (${rows.length})`).font('Helvetica');
    for (const row of rows)
      line(
        `    ${Object.entries(row)
          .map(([column, value]) => `${column}: ${value === null ? '-' : String(value)}`)
          .join('; ')}`,
      );
  }

  heading(`Who read the record (${record.reads.length})`);
  for (const read of record.reads)
    line(`${read.at}  ${read.subject} (${read.roles.join(', ') || 'no role'}) via ${read.via}: ${read.what} ${JSON.stringify(read.parameters)}`);

  doc.end();
  return done;
}
