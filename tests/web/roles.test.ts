import { describe, expect, test } from 'vitest';
import { homePath, mainLinks, settingsLinks, showsApiReference } from '../../web/src/lib/roles.ts';

const labels = (links: readonly { label: string }[]) => links.map((l) => l.label);

describe('what each role sees in the menus', () => {
  test('admins and researchers get the dashboards, reading, judging, labeling and upload pages; labelers none of them (their start page is their queues)', () => {
    expect(labels(mainLinks('admin'))).toEqual(['Overview', 'Transcripts', 'Scenarios', 'Models', 'Judge', 'Labeling', 'Upload']);
    expect(labels(mainLinks('researcher'))).toEqual(['Overview', 'Transcripts', 'Scenarios', 'Models', 'Judge', 'Labeling', 'Upload']);
    expect(mainLinks('labeler')).toEqual([]);
    expect(showsApiReference('researcher')).toBe(true);
    expect(showsApiReference('labeler')).toBe(false);
  });

  test('settings: admins manage users, tokens and the audit log; researchers their tokens; everyone their password', () => {
    expect(labels(settingsLinks('admin'))).toEqual(['Users', 'API tokens', 'Audit log', 'Change password']);
    expect(labels(settingsLinks('researcher'))).toEqual(['API tokens', 'Change password']);
    expect(settingsLinks('labeler')).toEqual([{ href: '/settings/password', label: 'Change password' }]);
  });

  test('a labeler starts at the labeling page, everyone else at the trait overview', () => {
    expect(homePath('labeler')).toBe('/labeling');
    expect(homePath('researcher')).toBe('/overview');
    expect(homePath('admin')).toBe('/overview');
  });
});
