-- Imported verdicts whose order the source does not record were stored as `ab`: hh-rlhf's human labels and
-- MT-Bench verdicts combined from both orders. They become `unknown`, so no page or position statistic reads
-- a placeholder as an order.
UPDATE `comparisons` SET `shown_order` = 'unknown'
WHERE `trait_id` IN (SELECT `id` FROM `traits` WHERE `slug` = 'hh_harmless' OR `slug` LIKE 'mtbench\_pairwise\_consensus%' ESCAPE '\');
