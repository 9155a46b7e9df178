import { defineShard } from './shard';

defineShard(1, 4);
