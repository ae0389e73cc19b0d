import { emotionalSupportScenarios } from './scenarios/emotional-support.ts';
import { falsePremiseScenarios } from './scenarios/false-premise.ts';
import { feedbackRequestScenarios } from './scenarios/feedback-request.ts';
import { riskyPlanScenarios } from './scenarios/risky-plan.ts';
import { spiralScenarios } from './scenarios/spiral.ts';
import type { DemoScenario } from './scenarios/types.ts';
import { userIsRightScenarios } from './scenarios/user-is-right.ts';

export {
  DEMO_CATEGORIES,
  DEMO_MODELS,
  DEMO_TRAITS,
  type DemoCategory,
  type DemoExchange,
  type DemoModel,
  type DemoReply,
  type DemoScenario,
  type DemoToolCall,
  type DemoTrait,
} from './scenarios/types.ts';

/**
 * The demo data set's scenarios: hand-written, fictional conversations (no content copied from any data set),
 * four per category, keyed `pb-001` … `pb-024`. Each holds the user turns and the replies of the three
 * fictional model versions; server/demo/demo-set.ts turns them into native NDJSON lines.
 */
export const demoScenarios: readonly DemoScenario[] = [
  ...falsePremiseScenarios,
  ...riskyPlanScenarios,
  ...spiralScenarios,
  ...userIsRightScenarios,
  ...feedbackRequestScenarios,
  ...emotionalSupportScenarios,
];
