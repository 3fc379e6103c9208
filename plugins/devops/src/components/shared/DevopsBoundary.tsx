import { InfoCard, WarningPanel } from '@backstage/core-components';
import { Component, type ComponentType, type ReactNode } from 'react';
import { cardTitleProps } from './headings';

interface Props {
  /** Marks the element, for end-to-end checks and styling hooks. */
  name: string;
  /** The card's title, kept when the card fails. */
  title: string;
  children: ReactNode;
}

/**
 * Keeps a failure inside one card: when a card throws while rendering (data
 * of a shape it does not expect, a bug), that card shows the error under its
 * own title and every other card on the page renders as usual.
 */
export class DevopsBoundary extends Component<Props, { error?: Error }> {
  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  state: { error?: Error } = {};

  render() {
    const { error } = this.state;
    return (
      <div data-devops-component={this.props.name}>
        {error ? (
          <InfoCard
            titleTypographyProps={cardTitleProps}
            title={this.props.title}
          >
            <WarningPanel
              severity="error"
              title={`${this.props.title} could not be shown`}
              message={error.message}
            />
          </InfoCard>
        ) : (
          this.props.children
        )}
      </div>
    );
  }
}

/** `Card` wrapped in its own {@link DevopsBoundary}. */
export function withDevopsBoundary<P extends object>(
  name: string,
  title: string,
  Card: ComponentType<P>,
): (props: P) => JSX.Element {
  const Bounded = (props: P) => (
    <DevopsBoundary name={name} title={title}>
      <Card {...props} />
    </DevopsBoundary>
  );
  Bounded.displayName = `withDevopsBoundary(${
    Card.displayName ?? Card.name ?? name
  })`;
  return Bounded;
}
