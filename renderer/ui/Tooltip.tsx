// A tooltip that shows on hover (after a short delay) and on keyboard focus, drawn in the page so it
// is legible on a shared screen and visible to tests — native `title` tooltips are neither.
import {
  cloneElement,
  useEffect,
  useId,
  useRef,
  useState,
  type CSSProperties,
  type ReactElement,
} from 'react';
import { createPortal } from 'react-dom';

const SHOW_DELAY_MS = 350;

type TriggerProps = {
  onMouseEnter?: (event: unknown) => void;
  onMouseLeave?: (event: unknown) => void;
  onFocus?: (event: unknown) => void;
  onBlur?: (event: unknown) => void;
  onMouseDown?: (event: unknown) => void;
  'aria-describedby'?: string;
};

export function Tooltip({
  text,
  placement = 'bottom',
  wide = false,
  children,
}: {
  text: string;
  placement?: 'bottom' | 'right' | 'top';
  /** Wraps a longer text (a description) at a comfortable width instead of one line. */
  wide?: boolean;
  children: ReactElement<TriggerProps>;
}) {
  const id = useId();
  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const show = (target: EventTarget | null, delayMs: number) => {
    if (!(target instanceof Element)) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setAnchor(target.getBoundingClientRect()), delayMs);
  };
  const hide = () => {
    window.clearTimeout(timer.current);
    setAnchor(null);
  };

  const props = children.props;
  const trigger = cloneElement(children, {
    'aria-describedby': anchor ? id : props['aria-describedby'],
    onMouseEnter: (event: unknown) => {
      props.onMouseEnter?.(event);
      show((event as MouseEvent).currentTarget, SHOW_DELAY_MS);
    },
    onMouseLeave: (event: unknown) => {
      props.onMouseLeave?.(event);
      hide();
    },
    onFocus: (event: unknown) => {
      props.onFocus?.(event);
      const target = (event as FocusEvent).currentTarget as Element;
      // Keyboard focus only: a mouse click also focuses, and the hover already shows it.
      if (target.matches(':focus-visible')) show(target, 0);
    },
    onBlur: (event: unknown) => {
      props.onBlur?.(event);
      hide();
    },
    onMouseDown: (event: unknown) => {
      props.onMouseDown?.(event);
      hide();
    },
  });

  let style: CSSProperties = {};
  if (anchor) {
    // Centred under/over the trigger, but kept on screen near the window edges.
    const centre = Math.min(Math.max(anchor.left + anchor.width / 2, 140), window.innerWidth - 140);
    if (placement === 'right') style = { left: anchor.right + 8, top: anchor.top + anchor.height / 2 };
    else if (placement === 'top') style = { left: centre, top: anchor.top - 8 };
    else style = { left: centre, top: anchor.bottom + 8 };
  }
  return (
    <>
      {trigger}
      {anchor &&
        createPortal(
          <div
            id={id}
            role="tooltip"
            className={`tooltip tooltip-${placement}${wide ? ' tooltip-wide' : ''}`}
            style={style}
          >
            {text}
          </div>,
          document.body,
        )}
    </>
  );
}
