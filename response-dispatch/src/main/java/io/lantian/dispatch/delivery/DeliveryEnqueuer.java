package io.lantian.dispatch.delivery;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.dispatch.order.OrderChanged;
import io.lantian.dispatch.order.OrdersChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A new order revision (PENDING) of a webhook enterprise gets its delivery in the transaction that creates it,
 * so it is due the moment that commits, and not first when a worker's poll finds it; this instance's worker is
 * woken to claim it at once. The revisions of one transaction (a warning creates thousands) are collected and
 * enqueued together just before it commits: one SELECT and one INSERT for all of them.
 */
@Component
class DeliveryEnqueuer {

    private final DeliveryStore store;
    private final DeliveryProperties properties;
    private final DeliveryWorker worker;

    DeliveryEnqueuer(DeliveryStore store, DeliveryProperties properties, DeliveryWorker worker) {
        this.store = store;
        this.properties = properties;
        this.worker = worker;
    }

    @EventListener
    void on(OrderChanged change) {
        if (change.status() == OrderStatus.PENDING) {
            enqueue(List.of(change.orderId()));
        }
    }

    @EventListener
    void on(OrdersChanged changes) {
        if (changes.status() == OrderStatus.PENDING) {
            enqueue(changes.changes().stream().map(OrderChanged::orderId).toList());
        }
    }

    private void enqueue(List<UUID> orderIds) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            store.enqueueOrders(orderIds, properties.publicBaseUrl());
            return;
        }
        @SuppressWarnings("unchecked")
        List<UUID> pending = (List<UUID>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<UUID> orders = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, orders);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    store.enqueueOrders(orders, properties.publicBaseUrl());
                }

                @Override
                public void afterCommit() {
                    worker.wake(); // due now: no need to wait for the worker's next poll
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(DeliveryEnqueuer.this);
                }
            });
            pending = orders;
        }
        pending.addAll(orderIds);
    }
}
