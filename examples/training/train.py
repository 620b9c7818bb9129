"""Trains the ticket-routing classifier and deploys it to a real-time endpoint."""
import sagemaker
from sagemaker.pytorch import PyTorch

session = sagemaker.Session()
role = sagemaker.get_execution_role()
bucket = session.default_bucket()

estimator = PyTorch(
    entry_point="train_classifier.py",
    source_dir="src",
    role=role,
    framework_version="2.2",
    py_version="py310",
    instance_count=1,
    instance_type="ml.g5.xlarge",
    hyperparameters={"epochs": 5, "lr": 3e-5, "batch-size": 32},
    output_path=f"s3://{bucket}/ticket-router/models",
)

estimator.fit(
    {
        "train": f"s3://{bucket}/ticket-router/data/train",
        "validation": f"s3://{bucket}/ticket-router/data/validation",
    }
)

model = estimator
predictor = model.deploy(initial_instance_count=1, instance_type="ml.m5.xlarge")
print(f"Deployed endpoint {predictor.endpoint_name}")
