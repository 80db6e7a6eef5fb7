import PDFDocument from 'pdfkit';
import type { BoardMeasure, BoardPack } from '../../read-models/queries/board-pack/get-board-pack.query';

const BLUE = '#1d70b8';
const BLACK = '#0b0c0c';
const GREY = '#505a5f';

function figure(value: number | null, unit: string): string {
  if (value === null) return 'no figure';
  return unit === '%' ? `${value.toFixed(1)}%` : `${value} ${unit}`;
}

/** The board pack as an A4 landscape PDF: a cover, then one page per measure with its month, trend, table and target. */
export function boardPackPdf(pack: BoardPack): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 40,
    info: { Title: `Board pack ${pack.month}`, Author: 'Children’s case tracker' },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  document.fillColor(BLACK).fontSize(28).text(`Improvement board pack: ${pack.month}`);
  document.moveDown(0.5).fontSize(12).fillColor(GREY).text(`Figures to the end of ${pack.asOf}, from the case tracker's read models.`);
  document.moveDown();
  for (const measure of pack.measures) {
    document
      .fillColor(BLACK)
      .fontSize(12)
      .text(
        `${measure.title}: ${figure(measure.value, measure.unit)}${measure.target ? ` (${measure.target.label} ${figure(measure.target.value, measure.unit)})` : ''}`,
      );
  }
  for (const measure of pack.measures) measurePage(document, measure);
  document.end();
  return done;
}

function measurePage(document: PDFKit.PDFDocument, measure: BoardMeasure): void {
  document.addPage();
  document.fillColor(BLACK).fontSize(20).text(measure.title);
  document.moveDown(0.3).fontSize(10).fillColor(GREY).text(measure.definition);
  document
    .moveDown(0.5)
    .fillColor(BLACK)
    .fontSize(16)
    .text(`This month: ${figure(measure.value, measure.unit)}`);
  document
    .fontSize(11)
    .text(
      measure.target
        ? `${measure.target.label}: ${figure(measure.target.value, measure.unit)} (${measure.target.source})`
        : 'No target is set for this measure.',
    );
  document.text(`${measure.better === 'higher' ? 'Higher' : 'Lower'} is better.`);
  const top = document.y + 15;
  bars(document, measure, 40, top, 480, 250);
  table(document, measure, 560, top);
}

/** The twelve months as bars, with the target as a dashed line. */
function bars(document: PDFKit.PDFDocument, measure: BoardMeasure, x: number, y: number, width: number, height: number): void {
  const values = measure.trend.map((point) => point.value ?? 0);
  const max = Math.max(1, measure.target?.value ?? 0, ...values) * 1.1;
  const slot = width / measure.trend.length;
  document
    .strokeColor(GREY)
    .lineWidth(0.5)
    .moveTo(x, y + height)
    .lineTo(x + width, y + height)
    .stroke();
  measure.trend.forEach((point, index) => {
    const barHeight = ((point.value ?? 0) / max) * height;
    if (point.value !== null)
      document
        .fillColor(BLUE)
        .rect(x + index * slot + 4, y + height - barHeight, slot - 8, barHeight)
        .fill();
    document
      .fillColor(GREY)
      .fontSize(7)
      .text(point.month, x + index * slot, y + height + 4, { width: slot, align: 'center' });
  });
  if (measure.target) {
    const targetY = y + height - (measure.target.value / max) * height;
    document
      .strokeColor(BLACK)
      .lineWidth(1)
      .dash(5, { space: 3 })
      .moveTo(x, targetY)
      .lineTo(x + width, targetY)
      .stroke()
      .undash();
  }
}

function table(document: PDFKit.PDFDocument, measure: BoardMeasure, x: number, y: number): void {
  document
    .fillColor(BLACK)
    .fontSize(10)
    .text('Month', x, y, { width: 90 })
    .text(measure.unit, x + 100, y, { width: 120, align: 'right' });
  measure.trend.forEach((point, index) => {
    const rowY = y + 16 + index * 15;
    document
      .fontSize(10)
      .text(point.month, x, rowY, { width: 90 })
      .text(figure(point.value, measure.unit), x + 100, rowY, { width: 120, align: 'right' });
  });
}
