/** The guide page: the experiments of src/explorer/guide.ts, each a link into the explorer. */
import { EXPERIMENTS } from '../src/explorer/guide.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
document.getElementById('experiments')!.innerHTML = EXPERIMENTS.map(
  (x) => `<li class="experiment"><h2>${esc(x.title)}</h2>
    <p class="question">${esc(x.question)}</p>
    <p><a class="go" href="./index.html?${esc(x.query)}&amp;autoplay=1">Open this experiment in the explorer</a></p>
    <p><strong>Look at:</strong> ${esc(x.watch)}</p></li>`,
).join('');
