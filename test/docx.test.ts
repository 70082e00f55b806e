import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAssessor } from '../src/assessment.js';
import type { Brand } from '../src/report/brand.js';
import { renderReport } from '../src/report/render.js';
import type { AssessmentResult } from '../src/result/result.js';

const DEMO = join(import.meta.dirname, '..', 'examples', 'demo-aeroskobing.json');
const assessor = createAssessor();
const demo = () => assessor.assess(assessor.load(DEMO), { generatedAt: '2026-01-01T00:00:00.000Z' });

const render = async (result: AssessmentResult, brand?: Brand) => {
  const out = await renderReport(result, 'docx', brand ? { brand } : {});
  expect(out).toBeInstanceOf(Uint8Array);
  return out as Uint8Array;
};

/** Text as docx writes it into XML (it escapes quotes and apostrophes too). */
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
/** Asserts that the XML holds the text, without printing the whole part when it does not. */
const expectText = (xml: string, text: string) => expect(xml.includes(escapeXml(text)), `missing: ${text}`).toBe(true);

/**
 * A small well-formedness check: tags nest and close, attributes are quoted, no stray '<' or '&' in
 * text, and every entity is one XML knows.
 */
function checkWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  let roots = 0;
  while ((m = token.exec(body))) {
    if (m[6]) throw new Error(`malformed tag at ${m.index}: ${body.slice(m.index, m.index + 60)}`);
    if (m[5] !== undefined) {
      const text = m[5];
      if (stack.length === 0 && text.trim()) throw new Error(`text outside the root: ${text.slice(0, 40)}`);
      const bad = text.match(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
      if (bad) throw new Error(`bare & in text near ${text.slice(Math.max(0, bad.index! - 20), bad.index! + 20)}`);
      continue;
    }
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
  }
  if (stack.length) throw new Error(`unclosed: ${stack.join(' > ')}`);
  expect(roots).toBe(1);
}

async function open(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`${name} is missing`);
    return file.async('string');
  };
  return { zip, text, names: Object.keys(zip.files) };
}

/** The text of every paragraph with the given style, one string per paragraph. */
function styled(documentXml: string, style: string): string[] {
  const out: string[] = [];
  for (const p of documentXml.match(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g) ?? []) {
    if (!p.includes(`<w:pStyle w:val="${style}"/>`)) continue;
    out.push((p.match(/<w:t\b[^>]*>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join(''));
  }
  return out;
}

describe('Word report', () => {
  let result: AssessmentResult;
  let bytes: Uint8Array;
  let doc: Awaited<ReturnType<typeof open>>;
  let documentXml: string;

  beforeAll(async () => {
    result = demo();
    bytes = await render(result);
    doc = await open(bytes);
    documentXml = await doc.text('word/document.xml');
  });

  it('is a valid package whose parts are well-formed XML', async () => {
    expect(doc.names).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'docProps/core.xml', 'word/styles.xml', 'word/numbering.xml', 'word/settings.xml']));
    expect(doc.names[0]).toBe('[Content_Types].xml');
    for (const name of doc.names.filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
      const xml = await doc.text(name);
      expect(() => checkWellFormed(xml), name).not.toThrow();
    }
    expect(await doc.text('[Content_Types].xml')).toContain('wordprocessingml.document.main+xml');
  });

  it('has the sections as real Word headings, in the order of the PDF', () => {
    const h1 = styled(documentXml, 'Heading1');
    expect(h1).toEqual([
      'Executive summary',
      'Scores at a glance',
      `Recommendation: ${escapeXml(result.decision.modelTitle)}`,
      'Outsourcing plan',
      'Findings by domain',
      'Action plan',
      'Method and references',
      'Appendix: organisation profile and all answers',
    ]);
    const h2 = styled(documentXml, 'Heading2');
    expect(h2).toEqual(expect.arrayContaining(['Levels by domain', 'Top actions', 'What stays in-house', 'Rules that fired', 'References', 'Organisation profile', 'All answers']));
    for (const d of result.domains) expect(h2.some((h) => h.startsWith(`${escapeXml(d.title)}: `))).toBe(true);
  });

  it('shows where several respondents disagree, after the findings, as the PDF does', async () => {
    const anna = assessor.load(DEMO);
    const bo = assessor.load(DEMO);
    anna.respondent = { name: 'Anna', role: 'CISO' };
    bo.respondent = { name: 'Bo', role: 'IT operations' };
    anna.data = { ...anna.data, rc_roles_documented: '4' };
    bo.data = { ...bo.data, rc_roles_documented: '1' };
    const two = assessor.assessMany([anna, bo], { generatedAt: '2026-01-01T00:00:00.000Z' });
    expect(two.disagreements.questions.length).toBeGreaterThan(0);
    const xml = await (await open(await render(two))).text('word/document.xml');
    const h1 = styled(xml, 'Heading1');
    expect(h1.indexOf('Where respondents disagree')).toBe(h1.indexOf('Findings by domain') + 1);
    // The answers side by side (elsewhere the respondents appear only as a list on the cover).
    expectText(xml, 'Anna (CISO): ');
    expectText(xml, 'Bo (IT operations): ');
    expect(styled(documentXml, 'Heading1')).not.toContain('Where respondents disagree'); // one respondent: no section
  });

  it('holds the organisation, the recommendation, every domain and every action', () => {
    expect(result.organization.name).toBe('Ærøskøbing Kommune');
    expectText(documentXml, 'Ærøskøbing Kommune');
    expectText(documentXml, result.decision.modelTitle);
    expectText(documentXml, result.decision.summary);
    for (const d of result.domains) expectText(documentXml, d.title);
    expect(result.actions.length).toBeGreaterThan(0);
    for (const a of result.actions) {
      expectText(documentXml, a.title);
      expectText(documentXml, a.owner);
    }
    for (const b of result.decision.blockers) expectText(documentXml, b.title);
    for (const answer of result.answers.filter((a) => a.status !== 'hidden')) expectText(documentXml, answer.title);
  });

  it('shows the outsourcing plan after the recommendation: services, RACI, staffing, cost and contract', () => {
    const plan = result.plan;
    const h2 = styled(documentXml, 'Heading2');
    const subsections = ['Services', 'Responsibilities (RACI)', 'Staffing', 'Cost', 'Contract and SLA requirements'];
    expect(h2).toEqual(expect.arrayContaining(subsections));
    // The five subsections come in this order, straight after the "Outsourcing plan" heading.
    const headings = (documentXml.match(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g) ?? [])
      .filter((p) => /<w:pStyle w:val="Heading[12]"\/>/.test(p))
      .map((p) => (p.match(/<w:t\b[^>]*>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join(''));
    const start = headings.indexOf('Outsourcing plan');
    expect(start).toBeGreaterThan(0);
    expect(headings.slice(start + 1, start + 6)).toEqual(subsections);
    expect(headings[start + 6]).toBe('Findings by domain');

    expect(plan.services.length).toBeGreaterThan(0);
    for (const s of plan.services) expectText(documentXml, s.title);
    for (const party of plan.raci.parties) expectText(documentXml, party);
    for (const r of plan.raci.rows) expectText(documentXml, r.title);
    expect(plan.raci.gaps).toBeGreaterThan(0);
    // The legend's GAP, then one shaded cell per gap with bold red "GAP".
    expect((documentXml.match(/<w:t[^>]*>GAP<\/w:t>/g) ?? []).length).toBe(1 + plan.raci.gaps);
    expect(/<w:shd [^>]*w:fill="fde0dc"[^>]*\/>[\s\S]{0,600}?<w:b\/>[\s\S]{0,200}?<w:color w:val="b2182b"\/>[\s\S]{0,200}?<w:t[^>]*>GAP<\/w:t>/.test(documentXml)).toBe(true);
    for (const r of plan.raci.rows) for (const c of r.cells.filter((cell) => cell.gap)) expectText(documentXml, `${r.title}, ${c.party}: ${c.note ?? 'unclear'}`);
    for (const role of plan.staffing.retained) expectText(documentXml, role.title);
    for (const o of [plan.costs.inHouse, plan.costs.provider]) expectText(documentXml, o.label);
    expect(plan.requirements.length).toBeGreaterThan(0);
    for (const r of plan.requirements) {
      expectText(documentXml, r.topic);
      expectText(documentXml, r.requirement);
    }
    // Stance shading: in-house dark blue with white text, share light blue, outsource yellow.
    expect(/w:fill="2c7bb6"[\s\S]{0,600}?<w:color w:val="ffffff"\/>[\s\S]{0,200}?<w:t[^>]*>Keep in-house<\/w:t>/.test(documentXml)).toBe(true);
    expect(/w:fill="91bfdb"[\s\S]{0,600}?<w:t[^>]*>Share with the provider<\/w:t>/.test(documentXml)).toBe(true);
    expect(/w:fill="f4d166"[\s\S]{0,600}?<w:t[^>]*>Outsource<\/w:t>/.test(documentXml)).toBe(true);
  });

  it('says so when no contract requirement follows, and shows no GAP without a RACI gap', async () => {
    const r = demo();
    r.plan = { ...r.plan, requirements: [], raci: { ...r.plan.raci, gaps: 0, rows: r.plan.raci.rows.map((row) => ({ ...row, cells: row.cells.map((c) => ({ ...c, role: c.role ?? 'R', gap: false })) })) } };
    const xml = await (await open(await render(r))).text('word/document.xml');
    expectText(xml, 'No contract requirement follows from the answers.');
    // Only the legend says GAP; no cell is shaded as one.
    expect((xml.match(/<w:t[^>]*>GAP<\/w:t>/g) ?? []).length).toBe(1);
    expect(xml.includes('w:fill="fde0dc"')).toBe(false);
  });

  it('has a table of contents field that Word updates on open', async () => {
    expect(documentXml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    expect(documentXml).toContain('Update Field');
    expect(await doc.text('word/settings.xml')).toContain('<w:updateFields');
  });

  it('uses real tables with repeating header rows, level shading and lists', async () => {
    const tables = documentXml.match(/<w:tbl>/g) ?? [];
    expect(tables.length).toBeGreaterThan(10);
    expect((documentXml.match(/<w:tblHeader\/>/g) ?? []).length).toBeGreaterThan(10);
    for (const colour of ['b2182b', 'ef8a62', 'f4d166', '91bfdb', '2c7bb6']) expect(documentXml.toLowerCase()).toContain(`w:fill="${colour}"`);
    expect(documentXml).toContain('<w:numPr>');
    const numbering = await doc.text('word/numbering.xml');
    expect(numbering).toContain('w:val="bullet"');
    expect(numbering).toContain('w:val="decimal"');
  });

  it('colours headings with the brand accent', async () => {
    const styles = await doc.text('word/styles.xml');
    const heading1 = styles.match(/<w:style [^>]*w:styleId="Heading1"[\s\S]*?<\/w:style>/)?.[0] ?? '';
    expect(heading1).toContain('<w:color w:val="1f5f8b"/>');
  });

  it('has the marking and organisation in the page header and page numbers in the footer', async () => {
    const headers = await Promise.all(doc.names.filter((n) => /^word\/header\d+\.xml$/.test(n)).map(doc.text));
    const footers = await Promise.all(doc.names.filter((n) => /^word\/footer\d+\.xml$/.test(n)).map(doc.text));
    expect(headers.some((h) => h.includes('TLP:AMBER') && h.includes('Ærøskøbing Kommune'))).toBe(true);
    expect(footers.some((f) => /PAGE/.test(f) && /NUMPAGES/.test(f) && f.includes('TLP:AMBER'))).toBe(true);
  });

  it('embeds the charts as PNG pictures drawn from the same SVG', async () => {
    const media = doc.names.filter((n) => n.startsWith('word/media/'));
    expect(media.filter((n) => n.endsWith('.svg'))).toHaveLength(0);
    expect(media.filter((n) => n.endsWith('.png'))).toHaveLength(3);
    for (const name of media.filter((n) => n.endsWith('.png'))) {
      const png = await doc.zip.file(name)!.async('uint8array');
      expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      expect(png.length).toBeGreaterThan(5000);
    }
    expect(documentXml).toContain('descr="Score by domain (0-4)"');
    expect(documentXml).toContain('descr="Cumulative cost of each option over three years"');
    expect(documentXml).not.toContain('svgBlip');
  });

  it('dates the package from the assessment, not the clock', async () => {
    const core = await doc.text('docProps/core.xml');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>');
    for (const file of Object.values(doc.zip.files)) {
      expect(file.date.getFullYear()).toBe(2026);
      expect(file.date.getMonth()).toBe(0);
      expect(file.date.getDate()).toBe(1);
    }
  });

  it('is byte-identical when rendered again later', async () => {
    await new Promise((r) => setTimeout(r, 2100));
    const again = await render(demo());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('writes organisation names in any Latin script', async () => {
    for (const name of ['Łódź Logistyka', 'Müller & Söhne', 'Ñuñoa']) {
      const r = demo();
      r.organization = { ...r.organization, name };
      const xml = await (await open(await render(r))).text('word/document.xml');
      expectText(xml, name);
    }
  });

  it('keeps markup, newlines, long words and control characters typed by people as plain text', async () => {
    const r = demo();
    const script = '<script>alert(1)</script>';
    const long = 'x'.repeat(300);
    r.organization = { ...r.organization, name: `${script} Ærø & Co` };
    r.respondents = [{ name: `Ann <b>Lee</b>\nsecond line`, role: 'CISO' }];
    const answer = r.answers.find((a) => a.status !== 'hidden')!;
    answer.comment = `line one\nline two ${script}\r\n${long}\u0007 "quoted" & done`;
    const out = await open(await render(r));
    const xml = await out.text('word/document.xml');
    expect(() => checkWellFormed(xml)).not.toThrow();
    expect(xml).not.toContain('<script>');
    expectText(xml, `${script} Ærø & Co`);
    expectText(xml, 'line one');
    expectText(xml, `line two ${script}`);
    expectText(xml, `${long} "quoted" & done`);
    expectText(xml, 'Ann <b>Lee</b>');
    expect(xml).not.toContain('\u0007');
    // The comment's newlines are line breaks inside one cell.
    expect(xml).toMatch(/line one<\/w:t><\/w:r><w:r>(?:<w:rPr>[\s\S]*?<\/w:rPr>)?<w:br\/><w:t[^>]*>line two/);
    const header = (await Promise.all(out.names.filter((n) => /^word\/header\d+\.xml$/.test(n)).map(out.text))).join('');
    expectText(header, `${script} Ærø & Co`);
    expect(header).not.toContain('<script>');
    expect(await out.text('docProps/core.xml')).not.toContain('<script>');
  });

  it('puts the logo on the cover (PNG directly, SVG drawn to PNG)', async () => {
    const svgLogo = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50" viewBox="0 0 200 50"><rect width="200" height="50" fill="#123456"/><text x="10" y="32" font-size="20" fill="#fff">Acme</text></svg>');
    const { Resvg } = await import('@resvg/resvg-js');
    const pngLogo = Buffer.from(new Resvg(svgLogo).render().asPng());
    const base: Brand = { accent: '#aa3300', marking: 'TLP:GREEN', name: 'Acme Security', footer: 'Acme Security · confidential' };

    const withSvg = await open(await render(demo(), { ...base, logo: { type: 'svg', data: svgLogo } }));
    expect(withSvg.names.filter((n) => n.startsWith('word/media/') && n.endsWith('.png'))).toHaveLength(4);
    const svgDoc = await withSvg.text('word/document.xml');
    expect(svgDoc).toContain('name="Logo"');
    expect(svgDoc).toContain('TLP:GREEN');
    expect(await withSvg.text('word/styles.xml')).toContain('<w:color w:val="aa3300"/>');
    const footers = await Promise.all(withSvg.names.filter((n) => /^word\/footer\d+\.xml$/.test(n)).map(withSvg.text));
    expect(footers.join('')).toContain('Acme Security · confidential');

    const withPng = await open(await render(demo(), { ...base, logo: { type: 'png', data: pngLogo } }));
    expect(withPng.names.filter((n) => n.startsWith('word/media/') && n.endsWith('.png'))).toHaveLength(4);
    expect(withPng.names.filter((n) => n.startsWith('word/media/') && n.endsWith('.svg'))).toHaveLength(0);
    // The PNG keeps its 4:1 shape: 213 x 53 pixels, in EMUs.
    expect(await withPng.text('word/document.xml')).toMatch(/<wp:extent cx="2028825" cy="504825"\/>/);
  });
});
