/** Maximum flow / minimum s-t cut (Dinic). */
export { FlowNetwork, maxFlow } from './max-flow.js';
