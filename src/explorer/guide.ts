/**
 * The explorer's words for students: one short panel per mechanism in plain words (each
 * linking to its page in docs/model, built into the site), and the guided experiments of
 * the guide page, each a link that sets the explorer up. Kept as data so a test can check
 * that every link, scenario and slider they name exists.
 */

export interface MechanismPanel {
  id: string;
  title: string;
  text: string;
  /** Page under docs/ (Markdown source; the site serves it as .html), with an optional #anchor. */
  doc: string;
  /** Keys of the sliders that act on it. */
  sliders: string[];
}

export const MECHANISM_PANELS: readonly MechanismPanel[] = [
  {
    id: 'spillover', title: 'Knowledge spillovers',
    text: 'Knowledge leaks between neighbours without anyone meaning it to: a firm picks up some of what firms near it know, more when it has the capacity to absorb it and when the other knows something different but not too different.',
    doc: 'model.md#ecological-spillovers-spillover', sliders: ['spillRadius', 'spillRate', 'absorptive'],
  },
  {
    id: 'tieLearning', title: 'Learning from partners',
    text: 'Firms with a tie (a supplier, a customer, a partner) learn from each other. Strong ties with much trust carry more, and tacit know-how travels mostly between partners who are close.',
    doc: 'model/tie-learning.md', sliders: ['tieLearning', 'trust'],
  },
  {
    id: 'projects', title: 'Joint projects',
    text: 'Leading firms, research institutions and competence centres launch projects with several partners. A diverse, well-coordinated team succeeds more often; on success its members learn from the best of the team.',
    doc: 'model/projects.md', sliders: ['projectLearning', 'institutions'],
  },
  {
    id: 'innovation', title: 'Own innovation',
    text: 'Firms innovate by small improvements (incremental) or by combining domains in a new way (radical), closing part of their gap to best practice (the frontier). Effort, knowledge, size and what they just learned from others raise the chances.',
    doc: 'model/innovation.md', sliders: ['radical'],
  },
  {
    id: 'capabilities', title: 'ICT and absorptive capacity',
    text: 'Firms invest part of their profit in ICT and in training. ICT adoption and the capacity to absorb new knowledge grow with effort and fade without use. Best practice moves on every year: knowledge that is not renewed gets out of date, and firms keep up by absorbing what becomes public, in proportion to their absorptive capacity.',
    doc: 'model/capabilities.md', sliders: ['ict', 'ictInfra', 'acGrowth', 'qualified', 'drift'],
  },
  {
    id: 'market', title: 'Market and selection',
    text: 'Firms of a sector sell product lines in their region. Customers re-tender some lines every year and choose better and cheaper products; a firm that grows gets dearer, so nobody takes everything. Part of the profit is paid out, the rest builds a buffer and pays for research and investment.',
    doc: 'model/market.md', sliders: ['elasticity', 'returns', 'turnover', 'outside', 'ictProductivity', 'demand', 'growth'],
  },
  {
    id: 'network', title: 'The network',
    text: 'Open firms look for new partners, nearby or, with ICT and an international outlook, far away. Ties that are used get stronger; unused ties weaken and are dropped.',
    doc: 'model/network.md', sliders: ['openness', 'searchRate', 'remoteSearch', 'tieDecay'],
  },
  {
    id: 'demography', title: 'Births and exits',
    text: 'Firms leave when they have nothing left to sell or cannot cover their losses; a capital buffer protects them. Successful firms and research institutions spin off new firms nearby, and markets with unmet demand and profits draw entrants, who imitate successful local firms.',
    doc: 'model/demography.md', sliders: ['spinoff', 'entry', 'closure'],
  },
  {
    id: 'proximity', title: 'Proximity',
    text: 'How easily knowledge moves between two agents depends on five kinds of closeness: distance, what they know, whether they belong to one group, their institutions, and their personal ties. They partly stand in for each other, closeness in space helps the others, and too much of all of them at once locks firms in. Partners learn most when their specialisations are related but not the same.',
    doc: 'model/proximity.md', sliders: ['trust', 'institutions', 'lowOpt', 'highOpt', 'lockIn', 'remoteEnable', 'heterogeneity'],
  },
  {
    id: 'levers', title: 'Policy levers',
    text: 'A region can intervene: train firms in ICT, fund research, broker partnerships, support spin-offs and more. Each lever has a budget per step and a first step; switch them on and off below.',
    doc: 'levers.md', sliders: [],
  },
];

export interface Experiment {
  title: string;
  question: string;
  /** The explorer's URL query that sets the experiment up (see setup.ts). */
  query: string;
  /** What to look at, and what it means. */
  watch: string;
}

/** The guide page's one-minute experiments. Each runs its change beside the unchanged scenario (the ghost lines). */
export const EXPERIMENTS: readonly Experiment[] = [
  {
    title: 'Open up',
    question: 'Raise the openness of the SMEs: what happens to the network and to the diversity of knowledge?',
    query: 'scenario=default&openness=0.8',
    watch: 'The Network chart (density, clustering) against its ghost line, and on the map how many ties are drawn. Then look at knowledge: does more exchange make firms more alike?',
  },
  {
    title: 'Trust',
    question: 'The Brianza district rests on trust. Take most of it away: does the district still learn?',
    query: 'scenario=brianza&trust=0.3',
    watch: 'Mean knowledge and innovations against the ghost line. Click a firm on the map: how much trust do its ties carry?',
  },
  {
    title: 'Absorptive capacity',
    question: 'Give the SMEs more capacity to absorb what others know. Who gains?',
    query: 'scenario=default&absorptive=0.7',
    watch: 'Mean knowledge and innovations. Colour the map by knowledge and compare small and large firms.',
  },
  {
    title: 'How far does knowledge travel?',
    question: 'Shrink the spillover radius to 2 km, then widen it to 40 km.',
    query: 'scenario=brianza&spillRadius=2',
    watch: 'Mean knowledge against the ghost line; then move the slider to 40 and compare. Where on the map does knowledge grow fastest?',
  },
  {
    title: 'Reaching out',
    question: 'In a cluster of several regions, let firms search for partners far away much more often.',
    query: 'scenario=experiments/meta-cluster&remoteSearch=0.9',
    watch: 'The dark inter-regional ties on the map, and the inter-regional share on the Network chart.',
  },
  {
    title: 'ICT training',
    question: 'The default scenario trains SMEs in ICT from year 2. Switch the lever off: what does the training buy?',
    query: 'scenario=default&lever.ictTraining=off',
    watch: 'The ICT chart: the gap between large and small firms, with and without training. Colour the map by ICT.',
  },
  {
    title: 'Harsh markets',
    question: 'Make customers twice as quick to switch to the better and cheaper product (elasticity 8). Do the best firms take over?',
    query: 'scenario=brianza&elasticity=8',
    watch: 'The Firms chart against its ghost line, and on the map the sizes of the firms. Then set returns to scale near 1: what stops a firm from growing?',
  },
  {
    title: 'Spin-offs',
    question: 'Let successful firms spin off new firms five times as often.',
    query: 'scenario=brianza&spinoff=0.04',
    watch: 'Firms and innovations against the ghost lines. Click a young firm: who is its parent?',
  },
];
