import { BUILT_IN_PARSERS } from './built-in-parsers';
import { DocumentParsers, sectionAt } from './document-parser';

const parsers = new DocumentParsers(BUILT_IN_PARSERS);

describe('headings of Markdown and HTML', () => {
  it('puts each part of a Markdown document under the heading before it, any level, inline markup read as text', async () => {
    const parsed = await parsers.parse('Intro before any heading.\n\n# Install\n\nRun `npm ci`.\n\n## On *Linux*\n\nUse the package.\n\n# Use\n\nStart it.', 'text/markdown');

    expect(parsed.text).toBe('Intro before any heading.\n\nInstall\n\nRun npm ci.\n\nOn Linux\n\nUse the package.\n\nUse\n\nStart it.');
    const headingOf = (words: string) => sectionAt(parsed.sections, parsed.text.indexOf(words))?.heading;
    expect([headingOf('Intro'), headingOf('Run npm'), headingOf('Use the package'), headingOf('Start it')]).toEqual([undefined, 'Install', 'On Linux', 'Use']);
  });

  it('reads headings of HTML with attributes, in any case, and leaves a page without headings one part', async () => {
    const html = await parsers.parse('<html><head><title>T</title></head><body><p>Top.</p><H2 class="x" id="a">Keepers <em>and</em> lamps</H2><p>Wicks at dusk.</p></body></html>', 'text/html');
    const plain = await parsers.parse('<p>No headings here.</p><p>None at all.</p>', 'text/html');

    expect(html.sections.map((section) => section.heading)).toEqual([undefined, 'Keepers and lamps']);
    expect(sectionAt(html.sections, html.text.indexOf('Wicks'))?.heading).toBe('Keepers and lamps');
    expect(plain).toEqual({ text: 'No headings here.\n\nNone at all.', sections: [{ start: 0 }] });
  });
});
