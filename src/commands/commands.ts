/**
 * Function file of the ribbon (manifest FunctionFile). Today every ribbon button opens the task pane
 * on its page (ShowTaskpane), so nothing is registered yet; one-click commands (ExecuteFunction)
 * are added with `registerRibbonFunction`, which guarantees `event.completed()` is called —
 * without it Office shows the command as still running.
 */

export type RibbonHandler = () => Promise<void> | void;

/** The part of Office.js this file uses, typed structurally so it can be exercised without Office. */
export interface ActionsApi {
  associate(id: string, handler: (event: { completed(): void }) => void): void;
}

export function registerRibbonFunction(actions: ActionsApi, id: string, handler: RibbonHandler): void {
  actions.associate(id, (event) => {
    void (async () => {
      try {
        await handler();
      } finally {
        event.completed();
      }
    })();
  });
}

/** Ribbon functions by manifest FunctionName; empty until a button uses ExecuteFunction. */
export const RIBBON_FUNCTIONS: Readonly<Record<string, RibbonHandler>> = {};

if (typeof Office !== "undefined") {
  void Office.onReady(() => {
    for (const [id, handler] of Object.entries(RIBBON_FUNCTIONS)) registerRibbonFunction(Office.actions, id, handler);
  });
}
