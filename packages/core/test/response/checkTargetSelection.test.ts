import { describe, expect, it } from 'vitest';
import { checkTargetSelection } from '../../src/response/checkTargetSelection.ts';
import { RECIST_1_1 } from '../../src/response/recist11.ts';
import { node, nonTarget, patient, target, weeks } from './caseBuilder.ts';

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('checkTargetSelection', () => {
  it('accepts 5 targets, 2 per organ, all measurable', () => {
    const input = patient(weeks(0), target('L1', 'liver', [20]), target('L2', 'liver', [15]), target('P1', 'lung', [10]), node('N1', [15]), target('B1', 'adrenal', [12]));
    expect(checkTargetSelection(input, RECIST_1_1)).toEqual([]);
  });

  it('refuses a sixth target, naming all six', () => {
    const input = patient(weeks(0), ...['a', 'b', 'c', 'd', 'e', 'f'].map((o, i) => target(`L${i + 1}`, o, [20])));
    const issue = checkTargetSelection(input, RECIST_1_1).find((i) => i.code === 'recist.selection.too-many-targets')!;
    expect(issue.severity).toBe('error');
    expect(issue.message).toBe('6 target lesions (L1, L2, L3, L4, L5, L6); RECIST 1.1 allows at most 5');
  });

  it('refuses a third target in one organ', () => {
    const input = patient(weeks(0), target('L1', 'Liver', [20]), target('L2', 'liver', [20]), target('L3', 'liver ', [20]));
    expect(codes(checkTargetSelection(input, RECIST_1_1))).toEqual(['recist.selection.too-many-per-organ']);
  });

  it('counts all lymph nodes as one organ (Q&A "paired organs")', () => {
    const input = patient(weeks(0), { ...node('N1', [20]), organ: 'mediastinum' }, { ...node('N2', [18]), organ: 'axilla' }, { ...node('N3', [16]), organ: 'groin' });
    expect(checkTargetSelection(input, RECIST_1_1)[0].message).toBe('3 target lesions in lymph nodes (N1, N2, N3); RECIST 1.1 allows at most 2 per organ');
  });

  it('flags a 9 mm target and a 14 mm short-axis target node as not measurable', () => {
    const input = patient(weeks(0), target('L1', 'lung', [9]), node('N1', [{ longAxisMm: 25, shortAxisMm: 14 }]));
    const issues = checkTargetSelection(input, RECIST_1_1);
    expect(issues.map((i) => i.lesionId)).toEqual(['L1', 'N1']);
    expect(issues[0].message).toBe('target lesion L1 measures 9 mm (longAxisMm) at baseline; RECIST 1.1 needs ≥ 10 mm to be measurable');
    expect(issues[1].message).toBe('target node N1 measures 14 mm (shortAxisMm) at baseline; RECIST 1.1 needs ≥ 15 mm to be measurable');
  });

  it('warns about a non-target node below 10 mm short axis (not pathological)', () => {
    const input = patient(weeks(0), target('L1', 'lung', [20]), nonTarget('N9', 'lymph node', [{ shortAxisMm: 8 }], true));
    const [issue] = checkTargetSelection(input, RECIST_1_1);
    expect([issue.severity, issue.code, issue.lesionId]).toEqual(['warning', 'recist.selection.non-target-node-normal', 'N9']);
  });

  it('flags a patient with no baseline disease', () => {
    expect(codes(checkTargetSelection(patient(weeks(0)), RECIST_1_1))).toEqual(['recist.selection.no-disease']);
  });
});
