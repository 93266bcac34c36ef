/// <reference types="vite/client" />
declare module 'virtual:explorer-controls' {
  import type { Slider } from '../src/explorer/controls.js';
  const controls: { sliders: Slider[]; leverSettings: { budget: string; start: string } };
  export default controls;
}
