import { type RefObject, useEffect, useState } from 'react';

/**
 * Whether the table inside `container` is wider than the container, i.e.
 * scrolls sideways; measured again when the window or the data changes.
 */
export function useOverflow(
  container: RefObject<HTMLElement>,
  deps: unknown[],
): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = container.current;
    if (!element) {
      return undefined;
    }
    const measure = () => {
      const table = element.querySelector('table');
      setOverflows(!!table && table.scrollWidth > element.clientWidth + 1);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') {
      return undefined;
    }
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [container, ...deps]);
  return overflows;
}
