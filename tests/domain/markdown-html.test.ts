import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../src/web/pages/postmortem-page.ts';

describe('the postmortem draft as HTML', () => {
  it('shows raw HTML as text and links only http(s)', () => {
    const html = markdownToHtml(
      [
        '## Summary',
        '',
        '<script>alert(1)</script> <img src=x onerror=alert(1)>',
        '',
        '[runbook](https://wiki.example.com/runbook) [bad](javascript:alert(1)) [data](data:text/html,hi)',
      ].join('\n'),
    );
    expect(html).toContain('<h2>Summary</h2>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('<a href="https://wiki.example.com/runbook">runbook</a>');
    expect(html).not.toContain('href="javascript');
    expect(html).not.toContain('href="data');
  });
});
