import { describe, expect, it } from 'vitest';
import { localize } from '../localize/localize.js';
import { matchesCondition } from './conditions.js';

describe('conditions', () => {
  it('match attributes with equals, in, exists, all, any and not', () => {
    const call = { direction: 'outbound', callType: 'sales', vip: true, minutes: 7 };
    expect(matchesCondition({ attribute: 'direction', equals: 'outbound' }, call)).toBe(true);
    expect(matchesCondition({ attribute: 'minutes', in: [5, 7] }, call)).toBe(true);
    expect(matchesCondition({ attribute: 'queue', exists: false }, call)).toBe(true);
    expect(matchesCondition({ all: [{ attribute: 'vip', equals: true }, { attribute: 'callType', equals: 'sales' }] }, call)).toBe(true);
    expect(matchesCondition({ any: [{ attribute: 'vip', equals: false }, { attribute: 'callType', equals: 'service' }] }, call)).toBe(false);
    expect(matchesCondition({ not: { attribute: 'direction', equals: 'inbound' } }, call)).toBe(true);
    expect(matchesCondition({ attribute: 'direction', equals: 'outbound' }, undefined)).toBe(false);
  });

  it('ignore inherited properties such as toString or __proto__', () => {
    const attrs = JSON.parse('{"__proto__": {"callType": "sales"}}');
    expect(matchesCondition({ attribute: 'callType', equals: 'sales' }, attrs)).toBe(false);
    expect(matchesCondition({ attribute: 'toString', exists: true }, {})).toBe(false);
  });
});

describe('localize', () => {
  it('falls back from the asked locale to the fallback, then to any text', () => {
    const t = { 'zh-CN': '服务态度', en: 'Attitude' };
    expect(localize(t, 'en')).toBe('Attitude');
    expect(localize(t, 'ms', 'en')).toBe('Attitude');
    expect(localize(t, 'zh-TW')).toBe('服务态度');
    expect(localize('Attitude', 'zh-CN')).toBe('Attitude');
  });
});
