export { CompactReadinessCard, ReadinessCard } from './ReadinessCard';
