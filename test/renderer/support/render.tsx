/* Renders a component inside Chakra (the default system) for DOM tests. */
import { ChakraProvider, defaultSystem } from '@chakra-ui/react';
import { render, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';

export function Wrapper({ children }: { children: ReactNode }) {
  return <ChakraProvider value={defaultSystem}>{children}</ChakraProvider>;
}

export function renderUi(ui: ReactElement, options?: Omit<RenderOptions, 'wrapper'>) {
  return render(ui, { wrapper: Wrapper, ...options });
}

/** jsdom has no layout: give scroll containers a size so the virtualiser renders rows. */
export function fakeLayout(height = 400, width = 800) {
  const proto = HTMLElement.prototype;
  const saved = {
    clientHeight: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
    clientWidth: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
  };
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => height });
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => width });
  const savedScrollHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight');
  // Content height = the virtualiser's sizer (first child's inline height).
  Object.defineProperty(Element.prototype, 'scrollHeight', {
    configurable: true,
    get(this: Element) {
      const sizer = this.firstElementChild as HTMLElement | null;
      return Math.max(parseFloat(sizer?.style.height ?? '') || 0, height);
    },
  });
  // jsdom does not scroll: emulate element.scrollTo the way a browser reports it.
  const savedScrollTo = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTo');
  Object.defineProperty(Element.prototype, 'scrollTo', {
    configurable: true,
    value(this: Element, options?: ScrollToOptions) {
      if (options?.top !== undefined) this.scrollTop = options.top;
      this.dispatchEvent(new Event('scroll'));
    },
  });
  return () => {
    if (savedScrollHeight) Object.defineProperty(Element.prototype, 'scrollHeight', savedScrollHeight);
    if (savedScrollTo) Object.defineProperty(Element.prototype, 'scrollTo', savedScrollTo);
    else delete (Element.prototype as { scrollTo?: unknown }).scrollTo;
    if (saved.clientHeight) Object.defineProperty(proto, 'clientHeight', saved.clientHeight);
    if (saved.clientWidth) Object.defineProperty(proto, 'clientWidth', saved.clientWidth);
  };
}
