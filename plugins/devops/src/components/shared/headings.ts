/**
 * Heading levels inside our cards. On an entity page the entity's name is
 * the h2 (Backstage's page header is the h1), so a card's title is an h3
 * and the parts of a card (an environment, an alert) are h4s.
 */
export const cardTitleProps = { component: 'h3' } as const;
export const CARD_PART_HEADING = 'h4';
