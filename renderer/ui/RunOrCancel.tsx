// The submit button of a form that starts background runs (sweep, compare, replications): "Run"
// while idle, "Cancel" while running. Keyed, so the click that cancels never lands on a submit
// button React would otherwise reuse in its place (and start the runs again).
export function RunOrCancel({
  running,
  label,
  testId,
  onCancel,
}: {
  running: boolean;
  label: string;
  /** `<testId>-run` and `<testId>-cancel`. */
  testId: string;
  onCancel: () => void;
}) {
  return running ? (
    <button
      key="cancel"
      type="button"
      className="button button-default"
      data-testid={`${testId}-cancel`}
      onClick={onCancel}
    >
      Cancel
    </button>
  ) : (
    <button
      key="run"
      type="submit"
      className="button button-primary"
      data-testid={`${testId}-run`}
      data-autofocus
    >
      {label}
    </button>
  );
}
