// axe-core (from npm) for the e2e files of every engine: its source to run in the page through the
// driver (which the page's CSP does not govern), defining with it `window.axeViolations()`: each
// violation on the page as it is now, on one line (rule, impact, how many elements, the first three).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const AXE = `${readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')}
window.axeViolations = async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
  .map((v) => \`\${v.id} (\${v.impact}) × \${v.nodes.length}: \${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}\`);`;
