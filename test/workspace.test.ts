import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../src/answers/answers.js';
import { createAssessor } from '../src/assessment.js';
import { checkResult } from '../src/result/load-result.js';
import { combineAnswers } from '../src/scoring/combine.js';
import { assessWorkspace } from '../src/workspace/assess.js';
import { addRespondent, createWorkspace, hashToken, newOverviewToken, openWorkspace, readAnswers, saveAnswers, tokenMatches } from '../src/workspace/workspace.js';
import { miniPlan, practice, problemsOf } from './helpers.js';

const NOW = '2026-01-01T00:00:00.000Z';
const assessor = createAssessor();
const temp = () => mkdtempSync(join(tmpdir(), 'irready-ws-'));

describe('workspace', () => {
  it('creates, reopens and refuses to overwrite an engagement', () => {
    const dir = join(temp(), 'acme');
    const ws = createWorkspace(dir, { name: 'Łódź Logistyka' }, assessor.plan, NOW);
    expect(openWorkspace(dir).engagement.organization.name).toBe('Łódź Logistyka');
    expect(existsSync(join(dir, 'respondents'))).toBe(true);
    expect(problemsOf(() => createWorkspace(dir, { name: 'X' }, assessor.plan, NOW))[0]).toContain('already holds an engagement');
    expect(problemsOf(() => openWorkspace(temp()))[0]).toContain('is not an engagement workspace');
    void ws;
  });

  it('stores link tokens only as hashes and compares them in constant time', () => {
    const ws = createWorkspace(join(temp(), 'w'), { name: 'Acme' }, assessor.plan, NOW);
    const { entry, token } = addRespondent(ws, { name: 'Søren Østergaard', role: 'CISO' }, { withToken: true, now: NOW });
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const stored = readFileSync(join(ws.dir, 'engagement.json'), 'utf8');
    expect(stored).not.toContain(token!);
    expect(entry.tokenHash).toBe(hashToken(token!));
    expect(tokenMatches(token!, entry.tokenHash)).toBe(true);
    expect(tokenMatches(`${token}x`, entry.tokenHash)).toBe(false);
    expect(tokenMatches('', entry.tokenHash)).toBe(false);
    const overview = newOverviewToken(ws);
    expect(tokenMatches(overview, openWorkspace(ws.dir).engagement.overviewTokenHash)).toBe(true);
    expect(entry.id).toBe('soren-ostergaard');
  });

  it('saves answers only when every value is valid, and tracks status', () => {
    const ws = createWorkspace(join(temp(), 'w'), { name: 'Acme' }, assessor.plan, NOW);
    const { entry } = addRespondent(ws, { name: 'Ann', role: 'CISO' }, { now: NOW });
    saveAnswers(ws, assessor.plan, entry, { org_employees: 120, rc_roles_documented: '2' }, { now: NOW, source: 'web' });
    expect(readAnswers(ws, entry).data).toEqual({ org_employees: 120, rc_roles_documented: '2' });
    expect(entry.status).toBe('in-progress');
    const before = readFileSync(join(ws.dir, 'respondents', 'ann.json'), 'utf8');
    expect(problemsOf(() => saveAnswers(ws, assessor.plan, entry, { rc_roles_documented: '9' }, { now: NOW })).join('\n')).toContain('data.rc_roles_documented');
    expect(readFileSync(join(ws.dir, 'respondents', 'ann.json'), 'utf8')).toBe(before);
    saveAnswers(ws, assessor.plan, entry, { org_employees: 120 }, { now: NOW, complete: true });
    expect(openWorkspace(ws.dir).engagement.respondents[0].status).toBe('complete');
  });
});

describe('combining respondents', () => {
  const plan = miniPlan(
    [practice('rc1', 'RC', ['operation']), practice('rc2', 'RC', ['operation'], { showCommentArea: true }), practice('fr1', 'FR', ['operation'])],
    [{ type: 'radiogroup', name: 'size', choices: ['small', 'large'] }],
  );
  const person = (name: string, role: string, data: Record<string, unknown>): Answers => ({ questionnaire: { id: 'mini', version: '1.0.0' }, organization: { name: 'Acme' }, respondent: { name, role }, data });

  it('takes the lower median per question', () => {
    const three = combineAnswers(plan, [person('A', 'CISO', { rc1: '1' }), person('B', 'IT', { rc1: '4' }), person('C', 'HR', { rc1: '2' })]);
    expect(three.data.rc1).toBe('2');
    const two = combineAnswers(plan, [person('A', 'CISO', { rc1: '3' }), person('B', 'IT', { rc1: '1' })]);
    expect(two.data.rc1).toBe('1');
  });

  it('keeps "not applicable" only when everyone who answered said so', () => {
    expect(combineAnswers(plan, [person('A', 'x', { fr1: 'na' }), person('B', 'y', { fr1: 'na' })]).data.fr1).toBe('na');
    expect(combineAnswers(plan, [person('A', 'x', { fr1: 'na' }), person('B', 'y', { fr1: '3' })]).data.fr1).toBe('3');
  });

  it('takes the most common profile answer and keeps every comment with its author', () => {
    const c = combineAnswers(plan, [person('A', 'CISO', { size: 'large', 'rc2-Comment': 'policy v2' }), person('B', 'IT', { size: 'small' }), person('C', 'HR', { size: 'large', 'rc2-Comment': 'never seen it' })]);
    expect(c.data.size).toBe('large');
    expect(c.data['rc2-Comment']).toBe('A (CISO): policy v2\nC (HR): never seen it');
  });

  it('lists disagreements of two points or more, per question and per domain, ignoring "don\'t know"', () => {
    const c = combineAnswers(plan, [person('A', 'CISO', { rc1: '4', rc2: '4', fr1: 'dk' }), person('B', 'IT', { rc1: '1', rc2: '1', fr1: '4' })]);
    expect(c.disagreements.questions.map((q) => [q.name, q.spread])).toEqual([['rc1', 3], ['rc2', 3]]);
    expect(c.disagreements.questions[0].answers.map((a) => `${a.respondent}:${a.score}`)).toEqual(['A:4', 'B:1']);
    // Domains compare each respondent's own levels, where "don't know" scores 0 as everywhere else.
    expect(c.disagreements.domains.map((d) => d.id)).toEqual(['FR', 'RC']);
  });

  it('leaves a single respondent\'s answers as they are', () => {
    const data = { rc1: '2', 'rc2-Comment': 'note', size: 'small' };
    expect(combineAnswers(plan, [person('A', 'CISO', data)]).data).toEqual(data);
  });
});

describe('assessing a workspace', () => {
  it('combines respondents, records disagreements and turns role disagreement into an action', () => {
    const ws = createWorkspace(join(temp(), 'w'), { name: 'Müller & Söhne' }, assessor.plan, NOW);
    const example = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'examples', 'midsize-8x5-team.json'), 'utf8'));
    const a = addRespondent(ws, { name: 'Anna', role: 'CISO' }, { now: NOW }).entry;
    const b = addRespondent(ws, { name: 'Bo', role: 'IT operations' }, { now: NOW }).entry;
    saveAnswers(ws, assessor.plan, a, { ...example.data, rc_roles_documented: '4' }, { now: NOW });
    saveAnswers(ws, assessor.plan, b, { ...example.data, rc_roles_documented: '1' }, { now: NOW });
    const result = assessWorkspace(ws, assessor, { generatedAt: NOW });
    expect(result.respondents.map((r) => r.name)).toEqual(['Anna', 'Bo']);
    expect(result.combination.respondents).toBe(2);
    expect(result.disagreements.questions.map((q) => q.name)).toContain('rc_roles_documented');
    expect(result.answers.find((x) => x.name === 'rc_roles_documented')!.score).toBe(1);
    expect(result.actions.map((x) => x.id)).toContain('ACT-ROLE-DISAGREEMENT');
    expect(() => checkResult(JSON.parse(JSON.stringify(result)), 'r.json')).not.toThrow();
  });

  it('refuses a workspace where nobody has answered, and a stray answers file', () => {
    const ws = createWorkspace(join(temp(), 'w'), { name: 'Acme' }, assessor.plan, NOW);
    addRespondent(ws, { name: 'Ann', role: 'CISO' }, { now: NOW });
    expect(problemsOf(() => assessWorkspace(ws, assessor))[0]).toContain('no respondent has answered yet');
    writeFileSync(join(ws.dir, 'respondents', 'ghost.json'), '{}');
    expect(problemsOf(() => assessWorkspace(ws, assessor))[0]).toContain('is not listed in engagement.json');
  });
});
